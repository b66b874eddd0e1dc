/** Options of the download tools that take an argument, so that the words after them are not read as URLs. */

/** curl short options that take an argument (attached or the next word). */
export const CURL_SHORT_WITH_ARG = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';
/** curl long options that take an argument (`--opt value`). */
export const CURL_LONG_WITH_ARG = new Set([
  '--output', '--header', '--data', '--data-binary', '--data-raw', '--data-urlencode', '--data-ascii', '--request',
  '--user', '--user-agent', '--retry', '--retry-delay', '--retry-max-time', '--max-time', '--connect-timeout', '--proto',
  '--proto-redir', '--cacert', '--capath', '--cert', '--key', '--url', '--referer', '--cookie', '--cookie-jar', '--form',
  '--config', '--write-out', '--proxy', '--range', '--continue-at', '--limit-rate', '--resolve', '--dump-header',
  '--output-dir', '--max-filesize', '--speed-limit', '--speed-time', '--interface', '--pinnedpubkey', '--oauth2-bearer',
  '--proxy-user', '--netrc-file', '--cert-type', '--key-type', '--ciphers', '--dns-servers', '--expect100-timeout',
]);
/** wget short options that take an argument. */
export const WGET_SHORT_WITH_ARG = 'OoaPtTwUeiBYlAIRDQXe';
/** wget long options that take an argument (`--opt value`). */
export const WGET_LONG_WITH_ARG = new Set([
  '--output-document', '--output-file', '--append-output', '--directory-prefix', '--tries', '--timeout', '--wait',
  '--user-agent', '--header', '--user', '--password', '--post-data', '--post-file', '--method', '--body-data',
  '--ca-certificate', '--certificate', '--private-key', '--input-file', '--base', '--level', '--accept', '--reject',
  '--domains', '--exclude-domains', '--limit-rate', '--quota', '--dns-timeout', '--connect-timeout', '--read-timeout',
  '--http-user', '--http-password', '--proxy-user', '--proxy-password', '--referer', '--execute', '--progress',
  '--secure-protocol', '--ca-directory', '--load-cookies', '--save-cookies', '--cut-dirs', '--waitretry',
]);
