"""The strategy app's models: partnerships and their people, action plans, the quarter's
narratives, practice standards."""

from strategy.models.actions import Action, ActionStatus, Rag, RagUpdate
from strategy.models.narratives import Narrative, NarrativeState, narrative_blocks
from strategy.models.partnerships import (
    Membership,
    MembershipRole,
    Objective,
    Organisation,
    OrganisationType,
    Partnership,
    Strategy,
)
from strategy.models.people import Invitation
from strategy.models.standards import SelfAssessment, Standard, StandardRating, StandardSection

__all__ = [
    "Action",
    "ActionStatus",
    "Invitation",
    "Membership",
    "MembershipRole",
    "Narrative",
    "NarrativeState",
    "Objective",
    "Organisation",
    "OrganisationType",
    "Partnership",
    "Rag",
    "RagUpdate",
    "SelfAssessment",
    "Standard",
    "StandardRating",
    "StandardSection",
    "Strategy",
    "narrative_blocks",
]
