"""Rules as data: one YAML file per claim type plus common.yml, validated when loaded.

Unknown keys, unknown check names or parameters and bad dates raise RulesError naming the
file and line, so a bad edit fails at start-up, never in the middle of a claim.
"""

from verifier.rules.loading import load_rules, load_rules_from, rules_version
from verifier.rules.model import (
    Alternative,
    CheckRule,
    ClaimRules,
    DatedValue,
    Indicator,
    PortalForm,
    RequirementRule,
    RuleSet,
    When,
)
from verifier.rules.yamlio import RULES_DIR

RULES_VERSION: str = rules_version()

__all__ = [
    "RULES_DIR",
    "RULES_VERSION",
    "Alternative",
    "CheckRule",
    "ClaimRules",
    "DatedValue",
    "Indicator",
    "PortalForm",
    "RequirementRule",
    "RuleSet",
    "When",
    "load_rules",
    "load_rules_from",
]
