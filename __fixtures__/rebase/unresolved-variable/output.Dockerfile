ARG BASE
FROM ${BASE}
COPY --from=$BASE /a /b
