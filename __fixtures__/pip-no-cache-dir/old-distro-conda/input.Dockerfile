FROM debian:8
ENV PATH=/opt/conda/bin:$PATH
RUN pip install flask && /opt/miniconda/bin/pip install numpy
