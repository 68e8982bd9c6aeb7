import logging

import yaml
from celery import shared_task

from .models import Workflow, WorkflowStep

logger = logging.getLogger(__name__)

USE_LEGACY_LOADER = False


def _parse(document):
    if USE_LEGACY_LOADER:
        return yaml.load(document, Loader=yaml.Loader)
    return yaml.safe_load(document)


@shared_task(ignore_result=False)
def import_workflow(document, owner_id):
    spec = _parse(document)
    if not isinstance(spec, dict) or "steps" not in spec:
        return {"ok": False, "error": "missing steps"}
    workflow = Workflow.objects.create(name=str(spec.get("name", "untitled"))[:120], owner_id=owner_id)
    for position, step in enumerate(spec["steps"]):
        WorkflowStep.objects.create(
            workflow=workflow,
            position=position,
            action=str(step.get("action", "noop"))[:64],
            params=step.get("params", {}),
        )
    logger.info("imported workflow id=%d with %d steps", workflow.pk, len(spec["steps"]))
    return {"ok": True, "id": workflow.pk}
