"""Signals other rooms listen to, so that the checker never imports them."""

from django.dispatch import Signal

# A check run ended (done or failed); sent with `run`. The logo programme settles its evidence rounds.
run_ended = Signal()
