FROM ubuntu:24.04
RUN apt list --installed && apt search curl && apt show curl && apt policy curl
