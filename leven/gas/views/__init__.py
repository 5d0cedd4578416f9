"""The GAS page: experiments, goals (:mod:`.goal`), scorings and results (:mod:`.score`)."""

from leven.gas.views.app import GasApp

__all__ = ["GasApp"]
