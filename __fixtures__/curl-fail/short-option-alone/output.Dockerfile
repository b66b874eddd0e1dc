FROM php:8.3-cli
RUN curl -f -o /tmp/composer-setup.php https://getcomposer.org/installer && php /tmp/composer-setup.php
