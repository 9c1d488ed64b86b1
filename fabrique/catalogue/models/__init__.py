"""The catalogue: solutions for collectivités, who uses them, funding schemes, local operators.

One module per subject: `solutions` (the solution, its words, references and uses, the
suggestions), `funding` (funding schemes), `operators` (OPSN). Every model is importable from
`fabrique.catalogue.models`.
"""

from .funding import POPULATION_ORDER, FundingScheme
from .operators import Operator
from .solutions import (
    NEGATIVE_COST,
    Solution,
    SolutionReference,
    SolutionSuggestion,
    SolutionUse,
    SolutionWord,
)

__all__ = [
    "NEGATIVE_COST", "POPULATION_ORDER", "FundingScheme", "Operator", "Solution",
    "SolutionReference", "SolutionSuggestion", "SolutionUse", "SolutionWord",
]  # fmt: skip
