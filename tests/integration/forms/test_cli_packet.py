"""``bizdesk case pdf`` and ``bizdesk case verify-receipt`` as IT and trainers run them: the real
command, in its own process, on a training profile in a temporary BIZDESK_HOME.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.case.enums import ServiceCode
from tests.cli_accounts import TRAINING_TRAINER
from tests.integration.forms.poppler import needs_fonts, needs_poppler, pdf_text
from tests.integration.forms.test_packets import receipt_qr_text

SERVICE_FORMS = {
    ServiceCode.SEAL: "印章刻制申请表",
    ServiceCode.BANK_ACCOUNT: "银行基本存款账户开户申请书",
    ServiceCode.TAX: "新办纳税人信息确认表",
    ServiceCode.SOCIAL_SECURITY: "社会保险单位登记表",
    ServiceCode.MEDICAL_INSURANCE: "医疗保险单位登记表",
    ServiceCode.HOUSING_FUND: "住房公积金单位登记表",
}
APPLICATIONS = {
    "llc": "公司登记（备案）申请书",
    "joint_stock": "公司登记（备案）申请书",
    "sole_proprietorship": "个人独资企业登记（备案）申请书",
    "partnership": "合伙企业登记（备案）申请书",
}

pytestmark = [
    pytest.mark.slow,
    needs_poppler,
    needs_fonts,
]


@pytest.fixture
def bizdesk(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = dict(
        os.environ,
        BIZDESK_HOME=str(tmp_path / "home"),
        BIZDESK_PASSPHRASE="forms cli passphrase 2026",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        **TRAINING_TRAINER,  # case commands sign in (tests/cli_accounts.py)
    )

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "app", "--training", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check:
            assert done.returncode == 0, done.stderr
        return done

    return run


def test_seeded_cases_print_with_every_enabled_service_form_and_a_verifiable_receipt(
    bizdesk,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    bizdesk("seed", "--cases", "4", "--seed", "3")
    cases = json.loads(bizdesk("case", "list", "--json").stdout)
    assert {c["company_type"] for c in cases} == set(APPLICATIONS)
    for case in cases:
        target = tmp_path / f"{case['case_id']}.pdf"
        printed = bizdesk("case", "pdf", case["case_id"], "-o", str(target))
        assert "页" in printed.stderr
        if os.name == "posix":
            assert target.stat().st_mode & 0o777 == 0o600
        text = pdf_text(target.read_bytes())
        assert case["company_name"] in text
        assert "培训样本 SPECIMEN" in text
        assert "受理回执" in text
        enabled = [ServiceCode(code) for code in case["services"]]
        if ServiceCode.LICENSE in enabled:
            assert APPLICATIONS[case["company_type"]] in text
        for code in enabled:
            if code in SERVICE_FORMS:
                assert SERVICE_FORMS[code] in text, (case["case_id"], code)
    take_home = tmp_path / "take-home.pdf"
    bizdesk("case", "pdf", case["case_id"], "-o", str(take_home), "--receipt-only", "--guides")
    home_text = pdf_text(take_home.read_bytes())
    assert "受理回执" in home_text
    assert "企业开办口袋书" in home_text
    assert APPLICATIONS[case["company_type"]] not in home_text
    assert "bizdesk" not in home_text  # nothing asks the founder to run a command
    qr = receipt_qr_text(text)
    verified = bizdesk("case", "verify-receipt", qr)
    assert case["case_id"] in verified.stdout
    refused = bizdesk("case", "verify-receipt", qr[:-1] + ("A" if qr[-1] != "A" else "B"), check=False)
    assert refused.returncode == 1
    assert "校验码不符" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_printing_an_unknown_case_fails_in_one_sentence(bizdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = bizdesk("case", "pdf", "SG20990101-NONE0000", "-o", str(tmp_path / "x.pdf"), check=False)
    assert done.returncode == 1
    assert "未找到案卷" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()
