/**
 * Every code rule, in one list. One rule per file, grouped by theme; this list is the
 * registry the engine, `krait rules` and `krait explain` read.
 */
import type { CodeRule } from '../core/rule.js';
import { assertUsed } from './misc/b101-assert-used.js';
import { execUsed } from './injection/b102-exec-used.js';
import { setBadFilePermissions } from './misc/b103-set-bad-file-permissions.js';
import { hardcodedBindAllInterfaces } from './config/b104-hardcoded-bind-all-interfaces.js';
import { hardcodedPasswordString } from './credentials/b105-hardcoded-password-string.js';
import { hardcodedPasswordFuncarg } from './credentials/b106-hardcoded-password-funcarg.js';
import { hardcodedPasswordDefault } from './credentials/b107-hardcoded-password-default.js';
import { hardcodedTmpDirectory } from './misc/b108-hardcoded-tmp-directory.js';
import { tryExceptPass } from './errors/b110-try-except-pass.js';
import { tryExceptContinue } from './errors/b112-try-except-continue.js';
import { requestWithoutTimeout } from './network/b113-request-without-timeout.js';
import { flaskDebugTrue } from './config/b201-flask-debug-true.js';
import { tarfileUnsafeMembers } from './misc/b202-tarfile-unsafe-members.js';
import { pickleUsage } from './deserialization/b301-pickle.js';
import { marshalUsage } from './deserialization/b302-marshal.js';
import { insecureHashCall } from './crypto/b303-md5.js';
import { insecureCipher } from './crypto/b304-ciphers.js';
import { insecureCipherMode } from './crypto/b305-cipher-modes.js';
import { mktempUsage } from './misc/b306-mktemp-q.js';
import { evalUsed } from './injection/b307-eval.js';
import { markSafeUsage } from './xss/b308-mark-safe.js';
import { urllibUrlopen } from './network/b310-urllib-urlopen.js';
import { insecureRandom } from './crypto/b311-random.js';
import { telnetlibCall } from './network/b312-telnetlib.js';
import { xmlBadCElementTree } from './xml/b313-xml-bad-celementtree.js';
import { xmlBadElementTree } from './xml/b314-xml-bad-elementtree.js';
import { xmlBadExpatreader } from './xml/b315-xml-bad-expatreader.js';
import { xmlBadExpatbuilder } from './xml/b316-xml-bad-expatbuilder.js';
import { xmlBadSax } from './xml/b317-xml-bad-sax.js';
import { xmlBadMinidom } from './xml/b318-xml-bad-minidom.js';
import { xmlBadPulldom } from './xml/b319-xml-bad-pulldom.js';
import { ftplibCall } from './network/b321-ftplib.js';
import { unverifiedContext } from './network/b323-unverified-context.js';
import { hashlibWeak } from './crypto/b324-hashlib.js';
import { importTelnetlib } from './imports/b401-import-telnetlib.js';
import { importFtplib } from './imports/b402-import-ftplib.js';
import { importPickle } from './imports/b403-import-pickle.js';
import { importSubprocess } from './imports/b404-import-subprocess.js';
import { importXmlEtree } from './imports/b405-import-xml-etree.js';
import { importXmlSax } from './imports/b406-import-xml-sax.js';
import { importXmlExpat } from './imports/b407-import-xml-expat.js';
import { importXmlMinidom } from './imports/b408-import-xml-minidom.js';
import { importXmlPulldom } from './imports/b409-import-xml-pulldom.js';
import { importXmlrpclib } from './imports/b411-import-xmlrpclib.js';
import { importHttpoxy } from './imports/b412-import-httpoxy.js';
import { importPycrypto } from './imports/b413-import-pycrypto.js';
import { importPyghmi } from './imports/b415-import-pyghmi.js';
import { requestWithNoCertValidation } from './network/b501-request-with-no-cert-validation.js';
import { sslWithBadVersion } from './crypto/b502-ssl-with-bad-version.js';
import { sslWithBadDefaults } from './crypto/b503-ssl-with-bad-defaults.js';
import { sslWithNoVersion } from './crypto/b504-ssl-with-no-version.js';
import { weakCryptographicKey } from './crypto/b505-weak-cryptographic-key.js';
import { yamlLoad } from './deserialization/b506-yaml-load.js';
import { sshNoHostKeyVerification } from './network/b507-ssh-no-host-key-verification.js';
import { snmpInsecureVersion } from './network/b508-snmp-insecure-version.js';
import { snmpWeakCryptography } from './network/b509-snmp-weak-cryptography.js';
import { paramikoCalls } from './injection/b601-paramiko-calls.js';
import { subprocessPopenWithShellEqualsTrue } from './injection/b602-subprocess-popen-with-shell-equals-true.js';
import { subprocessWithoutShellEqualsTrue } from './injection/b603-subprocess-without-shell-equals-true.js';
import { anyOtherFunctionWithShellEqualsTrue } from './injection/b604-any-other-function-with-shell-equals-true.js';
import { startProcessWithAShell } from './injection/b605-start-process-with-a-shell.js';
import { startProcessWithNoShell } from './injection/b606-start-process-with-no-shell.js';
import { startProcessWithPartialPath } from './injection/b607-start-process-with-partial-path.js';
import { hardcodedSqlExpressions } from './injection/b608-hardcoded-sql-expressions.js';
import { linuxCommandsWildcardInjection } from './injection/b609-linux-commands-wildcard-injection.js';
import { djangoExtraUsed } from './injection/b610-django-extra-used.js';
import { djangoRawsqlUsed } from './injection/b611-django-rawsql-used.js';
import { loggingConfigInsecureListen } from './injection/b612-logging-config-insecure-listen.js';
import { trojansource } from './misc/b613-trojansource.js';
import { identifierNormalisationObfuscation } from './misc/kr145-identifier-normalisation-obfuscation.js';
import { notebookShellCommand } from './injection/kr146-notebook-shell-command.js';
import { archiveDuplicateEntry } from './misc/kr147-archive-duplicate-entry.js';
import { pytorchLoad } from './deserialization/b614-pytorch-load.js';
import { huggingfaceUnsafeDownload } from './network/b615-huggingface-unsafe-download.js';
import { jinja2AutoescapeFalse } from './xss/b701-jinja2-autoescape-false.js';
import { useOfMakoTemplates } from './xss/b702-use-of-mako-templates.js';
import { djangoMarkSafe } from './xss/b703-django-mark-safe.js';
import { markupsafeMarkupXss } from './xss/b704-markupsafe-markup-xss.js';
import { formatHtmlInterpolated } from './xss/kr148-format-html-interpolated.js';
import { highCyclomaticComplexity } from './quality/kr801-high-cyclomatic-complexity.js';
import { sqlInjectionTaint } from './flow/kr101-sql-injection-taint.js';
import { commandInjectionTaint } from './flow/kr102-command-injection-taint.js';
import { codeInjectionTaint } from './flow/kr103-code-injection-taint.js';
import { pathTraversalTaint } from './flow/kr104-path-traversal-taint.js';
import { ssrfTaint } from './flow/kr105-ssrf-taint.js';
import { sstiTaint } from './flow/kr106-ssti-taint.js';
import { openRedirectTaint } from './flow/kr107-open-redirect-taint.js';
import { xssTaint } from './flow/kr108-xss-taint.js';
import { unsafeDeserializationTaint } from './flow/kr109-unsafe-deserialization-taint.js';
import { ldapInjectionTaint } from './flow/kr110-ldap-injection-taint.js';
import { xpathInjectionTaint } from './flow/kr111-xpath-injection-taint.js';
import { headerInjectionTaint } from './flow/kr112-header-injection-taint.js';
import { sessionFromRequestTaint } from './flow/kr113-session-from-request-taint.js';
import { tracebackInResponse } from './flow/kr114-traceback-in-response.js';
import { absolutePathJoinTaint } from './flow/kr115-absolute-path-join-taint.js';
import { logInjectionTaint } from './flow/kr116-log-injection-taint.js';
import { nosqlInjectionTaint } from './flow/kr117-nosql-injection-taint.js';
import { xxeTaint } from './flow/kr118-xxe-taint.js';
import { unsafeReflectionTaint } from './flow/kr119-unsafe-reflection-taint.js';
import { regexInjectionTaint } from './flow/kr137-regex-injection-taint.js';
import { POSTURE_CODE_RULES } from './posture/index.js';
import { MALICIOUS_CODE_RULES } from './malicious/index.js';
import { jwtSignatureNotVerified } from './auth/kr120-jwt-signature-not-verified.js';
import { jwtClaimsNotVerified } from './auth/kr121-jwt-claims-not-verified.js';
import { weakPasswordHash } from './auth/kr122-weak-password-hash.js';
import { hardcodedCryptoMaterial } from './crypto/kr123-hardcoded-crypto-material.js';
import { insecureRandomSecret } from './crypto/kr124-insecure-random-secret.js';
import { insecureTempFile } from './misc/kr125-insecure-temp-file.js';
import { archivePathTraversal } from './misc/kr126-archive-path-traversal.js';
import { credentialsOverHttp } from './network/kr127-credentials-over-http.js';
import { tlsVerificationDisabled } from './crypto/kr128-tls-verification-disabled.js';
import { sqlBuiltFromStrings } from './injection/kr129-orm-raw-sql-built-from-strings.js';
import { subprocessShellViaKwargs } from './injection/kr130-subprocess-shell-via-kwargs.js';
import { lxmlUnsafeParser } from './xml/kr131-lxml-unsafe-parser.js';
import { insecureCookie } from './auth/kr132-insecure-cookie.js';
import { sensitiveDataLogged } from './errors/kr133-sensitive-data-logged.js';
import { authExceptionSwallowed } from './errors/kr134-auth-exception-swallowed.js';
import { regexRedos } from './injection/kr135-regex-redos.js';
import { symlinkPredictableTmpWrite } from './misc/kr136-symlink-predictable-tmp-write.js';
import { suppressionWithoutJustification } from './quality/kr802-suppression-without-justification.js';
import { blanketNosec } from './quality/kr803-blanket-nosec.js';

export const CODE_RULES: readonly CodeRule[] = [
  assertUsed,
  execUsed,
  setBadFilePermissions,
  hardcodedBindAllInterfaces,
  hardcodedPasswordString,
  hardcodedPasswordFuncarg,
  hardcodedPasswordDefault,
  hardcodedTmpDirectory,
  tryExceptPass,
  tryExceptContinue,
  requestWithoutTimeout,
  flaskDebugTrue,
  tarfileUnsafeMembers,
  pickleUsage,
  marshalUsage,
  insecureHashCall,
  insecureCipher,
  insecureCipherMode,
  mktempUsage,
  evalUsed,
  markSafeUsage,
  urllibUrlopen,
  insecureRandom,
  telnetlibCall,
  xmlBadCElementTree,
  xmlBadElementTree,
  xmlBadExpatreader,
  xmlBadExpatbuilder,
  xmlBadSax,
  xmlBadMinidom,
  xmlBadPulldom,
  ftplibCall,
  unverifiedContext,
  hashlibWeak,
  importTelnetlib,
  importFtplib,
  importPickle,
  importSubprocess,
  importXmlEtree,
  importXmlSax,
  importXmlExpat,
  importXmlMinidom,
  importXmlPulldom,
  importXmlrpclib,
  importHttpoxy,
  importPycrypto,
  importPyghmi,
  requestWithNoCertValidation,
  sslWithBadVersion,
  sslWithBadDefaults,
  sslWithNoVersion,
  weakCryptographicKey,
  yamlLoad,
  sshNoHostKeyVerification,
  snmpInsecureVersion,
  snmpWeakCryptography,
  paramikoCalls,
  subprocessPopenWithShellEqualsTrue,
  subprocessWithoutShellEqualsTrue,
  anyOtherFunctionWithShellEqualsTrue,
  startProcessWithAShell,
  startProcessWithNoShell,
  startProcessWithPartialPath,
  hardcodedSqlExpressions,
  linuxCommandsWildcardInjection,
  djangoExtraUsed,
  djangoRawsqlUsed,
  loggingConfigInsecureListen,
  trojansource,
  identifierNormalisationObfuscation,
  notebookShellCommand,
  archiveDuplicateEntry,
  pytorchLoad,
  huggingfaceUnsafeDownload,
  jinja2AutoescapeFalse,
  useOfMakoTemplates,
  djangoMarkSafe,
  markupsafeMarkupXss,
  formatHtmlInterpolated,
  highCyclomaticComplexity,
  sqlInjectionTaint,
  commandInjectionTaint,
  codeInjectionTaint,
  pathTraversalTaint,
  ssrfTaint,
  sstiTaint,
  openRedirectTaint,
  xssTaint,
  unsafeDeserializationTaint,
  ldapInjectionTaint,
  xpathInjectionTaint,
  headerInjectionTaint,
  sessionFromRequestTaint,
  tracebackInResponse,
  absolutePathJoinTaint,
  logInjectionTaint,
  nosqlInjectionTaint,
  xxeTaint,
  unsafeReflectionTaint,
  regexInjectionTaint,
  ...POSTURE_CODE_RULES,
  ...MALICIOUS_CODE_RULES,
  jwtSignatureNotVerified,
  jwtClaimsNotVerified,
  weakPasswordHash,
  hardcodedCryptoMaterial,
  insecureRandomSecret,
  insecureTempFile,
  archivePathTraversal,
  credentialsOverHttp,
  tlsVerificationDisabled,
  sqlBuiltFromStrings,
  subprocessShellViaKwargs,
  lxmlUnsafeParser,
  insecureCookie,
  sensitiveDataLogged,
  authExceptionSwallowed,
  regexRedos,
  symlinkPredictableTmpWrite,
  suppressionWithoutJustification,
  blanketNosec,
];
