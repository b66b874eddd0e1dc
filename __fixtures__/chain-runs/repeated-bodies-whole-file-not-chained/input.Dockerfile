FROM alpine:3.19 AS fewlayers
RUN touch a
RUN touch b

FROM fewlayers AS manylayers
RUN ./make.sh 100
RUN ./make.sh 100
RUN ./make.sh 100
