import { describe, expect, it } from 'vitest';
import { allMethods } from '../methods/registry.js';
import { openApiDocument } from './openapi.js';

describe('openApiDocument', () => {
  it('documents one webhook body variant per registered method with its parameter names', () => {
    const document = openApiDocument(allMethods) as any;
    const variants = document.paths['/webhook'].post.requestBody.content['application/json'].schema.oneOf;
    expect(variants.map((variant: any) => variant.properties.method.const)).toEqual(allMethods.map((method) => method.name));
    for (const [index, method] of allMethods.entries()) {
      expect(variants[index]['x-parameters'].map((p: any) => p.name)).toEqual(Object.keys(method.params.properties));
    }
    expect(document.openapi).toBe('3.1.0');
  });
});
