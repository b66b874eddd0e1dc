FROM debian:12
RUN curl -L -o /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh
RUN curl -o /tmp/j.sh -s https://example.com/j.sh && sh /tmp/j.sh
RUN curl -H "Accept: text/plain" -o /tmp/k.sh https://example.com/k.sh && bash /tmp/k.sh
RUN curl -X GET -u user:pw -o /tmp/l.sh https://example.com/l.sh && bash /tmp/l.sh
RUN curl --retry 3 -L https://example.com/m.sh -o m.sh && sh m.sh
