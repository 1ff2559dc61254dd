from planwatch.web.evaluation.models.commission import (
    Commission,
    CommissionEvaluator,
    CommissionState,
    EvaluatorEvidence,
    ThirdPartyVerdict,
)
from planwatch.web.evaluation.models.notes import EvaluationNote

__all__ = [
    "Commission",
    "CommissionEvaluator",
    "CommissionState",
    "EvaluationNote",
    "EvaluatorEvidence",
    "ThirdPartyVerdict",
]
