"""``ForwardedFlow`` hands every ``CaseFlowApi`` call on unchanged (the training desk's wrapper uses it)."""

from __future__ import annotations

import inspect
from typing import Any

from app.desk.flow_api import CaseFlowApi
from app.desk.flow_forward import ForwardedFlow


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> str:
            self.calls.append((name, args, kwargs))
            return f"result of {name}"

        return call


class Wrapper(ForwardedFlow):
    def __init__(self, inner: Recorder) -> None:
        self.inner = inner

    def _flow(self) -> CaseFlowApi:
        return self.inner  # type: ignore[return-value]  # records any call


def test_every_flow_method_is_forwarded_with_its_arguments() -> None:
    names = [n for n, _ in inspect.getmembers(CaseFlowApi, inspect.isfunction) if not n.startswith("_")]
    assert "start_draft" in names
    assert len(names) == 19
    recorder = Recorder()
    wrapper = Wrapper(recorder)
    for name in names:
        signature = inspect.signature(getattr(CaseFlowApi, name))
        parameters = list(signature.parameters.values())[1:]
        args = [f"{p.name}-value" for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        kwargs = {p.name: f"{p.name}-value" for p in parameters if p.kind is p.KEYWORD_ONLY}
        result = getattr(wrapper, name)(*args, **kwargs)
        assert result == (None if signature.return_annotation == "None" else f"result of {name}")
        assert recorder.calls[-1] == (name, tuple(args), kwargs)
