"""Measurement campaigns (issue 17 §2, §3): staff-managed domain lists, each measured at one time with the
light profile on the `batch` queue (a campaign's names are a batch of the batches app), and the public
"DNSSEC in Japan" statistics drawn from the finished campaigns' figures.
"""
