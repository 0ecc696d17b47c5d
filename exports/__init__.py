"""Background export jobs: one row per requested file, a registry of export kinds, a Celery task
that writes the file to default storage with progress, a private expiring download, and the
"my exports" page. The app imports no other portal app: each app registers its kinds in its
AppConfig.ready() (exports.registry.register), as panels do.
"""
