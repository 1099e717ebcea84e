import { Type } from '@sinclair/typebox';

export const accountParam = '$flow.key.accountID';

/** The optional account key both agent methods accept (the token's account when absent). */
export const accountParams = {
  [accountParam]: Type.Optional(
    Type.String({ description: "The account; must be the token's own account when given. Without a token (FLOWHOOKS_AUTH=off) it picks the account.", examples: ['2'] }),
  ),
};

export const cliParam = '$flow.key.cli';
export const pauseParam = '$flow.key.pause';
