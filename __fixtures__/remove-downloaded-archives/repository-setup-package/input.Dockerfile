FROM centos:7
RUN wget http://rpms.remirepo.net/enterprise/remi-release-7.rpm \
&& rpm -Uvh remi-release-7.rpm
RUN curl -fsSLo /tmp/cuda-keyring_1.1-1_all.deb https://example.com/cuda-keyring_1.1-1_all.deb && dpkg -i /tmp/cuda-keyring_1.1-1_all.deb
RUN wget https://apt.puppetlabs.com/puppetlabs-release-trusty.deb -O /tmp/puppetlabs-release-trusty.deb && \
  dpkg -i /tmp/puppetlabs-release-trusty.deb && \
  apt-get -y update
RUN curl -fsSL -o /tmp/pgdg.rpm https://example.com/pgdg-redhat-repo-latest.noarch.rpm && rpm -i /tmp/pgdg.rpm
