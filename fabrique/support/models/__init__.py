"""Models of the support offer: formats, sessions, registrations, follow-ups, expert modules,
requests and the knowledge base.

`offer` (formats, sessions, registrations), `followups`, `modules` (suppliers, expert modules,
deliverables), `requests`, `knowledge`; `common` holds what they share. Every model is
importable from `fabrique.support.models`.
"""

from .common import MONEY, USER
from .followups import FollowUp, FollowUpNote
from .knowledge import KnowledgeAttachment, KnowledgePage
from .modules import ExpertModule, ModuleDeliverable, Supplier
from .offer import Registration, Session, SupportFormat
from .requests import SupportRequest

__all__ = [
    "MONEY", "USER", "ExpertModule", "FollowUp", "FollowUpNote", "KnowledgeAttachment",
    "KnowledgePage", "ModuleDeliverable", "Registration", "Session", "Supplier",
    "SupportFormat", "SupportRequest",
]  # fmt: skip
