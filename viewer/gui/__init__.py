"""The desktop window of Source Compare (PySide6).

May import: ``viewer``, ``viewer.core``, ``viewer.resources``, PySide6 (QtCore, QtGui,
QtWidgets, QtSvg). Must not import: ``viewer.cli``. Long work never runs on the GUI thread:
``viewer.gui.worker`` drives the engine in a ``QThread``.
"""
