FROM debian:12
RUN curl -fL -o /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh
RUN curl -o /tmp/j.sh -fs https://example.com/j.sh && sh /tmp/j.sh
RUN curl -f -H "Accept: text/plain" -o /tmp/k.sh https://example.com/k.sh && bash /tmp/k.sh
RUN curl -f -X GET -u user:pw -o /tmp/l.sh https://example.com/l.sh && bash /tmp/l.sh
RUN curl --retry 3 -fL https://example.com/m.sh -o m.sh && sh m.sh
