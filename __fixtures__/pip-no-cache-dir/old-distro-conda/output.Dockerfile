FROM debian:8
ENV PATH=/opt/conda/bin:$PATH
RUN pip install --no-cache-dir flask && /opt/miniconda/bin/pip install --no-cache-dir numpy
