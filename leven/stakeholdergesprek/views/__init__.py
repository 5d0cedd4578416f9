"""The Stakeholdergesprekken page: the interview form, the overview, and the netwerkkaart."""

from leven.stakeholdergesprek.views.app import StakeholdergesprekApp
from leven.stakeholdergesprek.views.form import StakeholdergesprekForm

__all__ = ["StakeholdergesprekApp", "StakeholdergesprekForm"]
