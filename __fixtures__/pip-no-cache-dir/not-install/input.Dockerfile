FROM python:3.12-slim
RUN pip wheel --wheel-dir /wheels -r requirements.txt
RUN pip download -d /pkgs requests
RUN pip freeze > /tmp/freeze.txt
RUN uv pip install --system requests
RUN pipx install black
