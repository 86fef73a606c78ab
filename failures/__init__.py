"""The failure-case library: members file reports, reviewers publish them."""
