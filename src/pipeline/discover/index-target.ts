/** The prefix of a target naming a package on an index (`pypi:NAME[==VERSION]`, index-fetch.ts); discovery loads the index client only for such a target. */
export const INDEX_TARGET_PREFIX = 'pypi:';
