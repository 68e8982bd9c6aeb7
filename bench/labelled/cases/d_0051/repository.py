from .models import NotificationTemplate, db


class TemplateRepository:
    def save(self, workspace_id, body):
        record = NotificationTemplate.query.filter_by(workspace_id=workspace_id).first()
        if record is None:
            record = NotificationTemplate(workspace_id=workspace_id)
            db.session.add(record)
        record.body = body
        db.session.commit()
        return record
