"""Write an app notebook in the workbook's shape: import, start, show (outputs stripped).

Usage: python tools/new_notebook.py NAME MODULE CLASS TITLE_KEY DESCRIPTION_KEY ORDER
(An app class that draws charts says so with ``draws_charts = True``; see leven.app.start_app.)
"""

import sys

import nbformat


def app_notebook(module: str, cls: str, title_key: str, description_key: str, order: int):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "leven": {"kind": "app", "order": order, "title": title_key,
                  "description": description_key},
    }
    nb.cells = [
        nbformat.v4.new_code_cell(f"from leven.app import start_app\nfrom {module} import {cls}"),
        nbformat.v4.new_code_cell(f"app = start_app({cls})"),
        nbformat.v4.new_code_cell(f'app.show("{title_key}");',
                                  metadata={"tags": ["nbval-ignore-output"]}),
    ]
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    return nb


if __name__ == "__main__":
    name, module, cls, title, description, order = sys.argv[1:7]
    nbformat.write(app_notebook(module, cls, title, description, int(order)),
                   f"notebooks/{name}.ipynb")
