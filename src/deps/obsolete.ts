/**
 * Obsolete distributions: projects whose maintainers stopped releasing them or that
 * PyPI/their authors marked deprecated, with what to use instead. A short curated list
 * (krait works offline and has no release dates), each entry stating its source.
 */
export interface ObsoleteEntry {
  reason: string;
  instead: string;
}

/** PEP 503 normalised name → why it is obsolete and what replaces it. */
export const OBSOLETE_DISTRIBUTIONS: Readonly<Record<string, ObsoleteEntry>> = {
  pycrypto: { reason: 'unmaintained since 2013 (last release 2.6.1), with unfixed advisories (CVE-2013-7459, CVE-2018-6594)', instead: 'pycryptodome, or cryptography' },
  sklearn: { reason: 'a deprecated placeholder: the "sklearn" name on PyPI refuses to install since 2023 (see its PyPI page)', instead: 'scikit-learn' },
  distribute: { reason: 'merged back into setuptools in 2013; the project page says not to use it', instead: 'setuptools' },
  nose: { reason: 'unmaintained since 2015 (last release 1.3.7) and broken on Python 3.10+', instead: 'pytest, or pynose' },
  'python-jose-cryptodome': { reason: 'an unmaintained fork of python-jose (last release 2017)', instead: 'PyJWT or joserfc' },
  oauth2: { reason: 'unmaintained since 2014 (last release 1.9.0.post1)', instead: 'oauthlib / requests-oauthlib / Authlib' },
  'flask-security': { reason: 'unmaintained since 2017; the maintained fork is Flask-Security-Too', instead: 'Flask-Security-Too' },
  'django-rest-swagger': { reason: 'deprecated by its authors in 2019 (README)', instead: 'drf-spectacular' },
  pickle5: { reason: 'a backport only needed before Python 3.8; unmaintained', instead: 'the standard pickle module' },
  'tensorflow-gpu': { reason: 'removed by the TensorFlow team in 2022 (GPU support is in tensorflow)', instead: 'tensorflow' },
  'pysha3': { reason: 'unmaintained; hashlib has SHA-3 since Python 3.6', instead: 'hashlib.sha3_256' },
  slimit: { reason: 'unmaintained since 2013', instead: 'a maintained JavaScript minifier (rjsmin, calmjs.parse)' },
};
