from .models import User, db


class UserRepository:
    def upsert_from_profile(self, profile):
        user = User.query.filter_by(subject=profile.get("sub")).first()
        if user is None:
            user = User(subject=profile.get("sub"), email=profile.get("email"), needs_onboarding=True)
            db.session.add(user)
        user.display_name = profile.get("name") or user.display_name
        db.session.commit()
        return user
