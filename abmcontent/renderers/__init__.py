"""Renderers: one per output format, behind one small interface, registered by name.

Heavy libraries (python-pptx, docxtpl, WeasyPrint) are imported only when a renderer is
first used, so ``abmcontent --help`` and ``validate`` stay fast.
"""
