FROM python:3.12 AS build
RUN pip install build && python -m build --wheel

FROM build AS wheels
RUN pip wheel --wheel-dir /wheels -r requirements.txt && pip install twine

FROM python:3.12-slim
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl
