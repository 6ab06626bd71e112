"""A local web workspace over the Python API: ``abmcontent serve``.

Server-rendered pages (Jinja) with a little vanilla JavaScript shipped in this package; no
front-end build. :func:`~abmcontent.web.app.create_app` makes the FastAPI application;
:mod:`~abmcontent.web.commands` registers the ``serve`` command. Only
:mod:`~abmcontent.web.commands` is imported by the CLI, so ``abmcontent --help`` never
imports FastAPI or uvicorn.
"""
