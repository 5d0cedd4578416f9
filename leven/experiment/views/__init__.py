"""The experiments page: the ambition, the experiments as cards, and their forms."""

from leven.experiment.views.app import ExperimentApp
from leven.experiment.views.forms import ActieForm, BorgingForm, ExperimentForm, StatusForm

__all__ = ["ActieForm", "BorgingForm", "ExperimentApp", "ExperimentForm", "StatusForm"]
