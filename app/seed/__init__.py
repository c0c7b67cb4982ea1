"""Realistic fictitious cases (培训数据) for the training profile, tests and benchmarks.

from app.seed import generate_cases
cases = generate_cases(40, seed=7, today=date(2026, 11, 26))
"""

from app.seed.generator import FICTITIOUS_NOTE, STATES, TYPES, generate_cases

__all__ = ["FICTITIOUS_NOTE", "STATES", "TYPES", "generate_cases"]
