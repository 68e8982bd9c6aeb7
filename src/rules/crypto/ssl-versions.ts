/** bandit's `ssl_with_bad_version` configuration, shared by B502 and B503 (bandit 1.9 defaults). */
export const BAD_PROTOCOL_VERSIONS = [
  'PROTOCOL_SSLv2', 'SSLv2_METHOD', 'SSLv23_METHOD', 'PROTOCOL_SSLv3', 'PROTOCOL_TLSv1', 'SSLv3_METHOD', 'TLSv1_METHOD',
  'PROTOCOL_TLSv1_1', 'TLSv1_1_METHOD',
];
export const SSL_OPTIONS = { bad_protocol_versions: BAD_PROTOCOL_VERSIONS };
