FROM ubuntu:16.04
RUN apt-get update && apt-get install -y build-essential wget libssl-dev
RUN wget https://www.python.org/ftp/python/3.4.2/Python-3.4.2.tar.xz && tar xf Python-3.4.2.tar.xz
WORKDIR Python-3.4.2
RUN ./configure --enable-shared && \
    make && \
    make install && \
    ln -s /usr/local/bin/pip3 /usr/local/bin/pip

# Upgrade pip and then install the packages
RUN pip install -U pip setuptools wheel
RUN pip install --no-cache-dir mod_wsgi
RUN python3 -m pip install --upgrade "pip<21" && pip3 install pip==20.3.4 && pip install --no-cache-dir -r requirements.txt
