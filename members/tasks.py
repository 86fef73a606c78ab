"""Celery tasks of the members room: the logo certificates' re-checks (sent by portal.scheduler)."""

from celery import shared_task


@shared_task(name="members.logo.recheck")
def recheck_certificate(certificate_id: int):
    from members.logo import lifecycle

    evaluation = lifecycle.recheck(certificate_id)
    return evaluation.pk if evaluation else None


@shared_task(name="members.domain.check_proof")
def check_domain_proof(domain_id: int):
    from members import domain_proof

    return domain_proof.check(domain_id)


@shared_task(name="members.logo.judge_resolver")
def judge_resolver(evaluation_id: int):
    """A resolver application's round: its runs and direct probes judged (members.logo.lifecycle)."""
    from members.logo import lifecycle

    return lifecycle.settle_resolver(evaluation_id)
