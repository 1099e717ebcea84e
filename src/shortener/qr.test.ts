import { describe, expect, it } from 'vitest';
import { createQrImages } from './qr.js';

describe('QR image cache', () => {
  it('renders parallel requests for one image once and serves repeats from memory', async () => {
    const images = createQrImages();
    const parallel = await Promise.all([1, 2, 3, 4].map(() => images.image('https://s.example.in/AbCdEfGh', 512, 'png')));
    expect(new Set(parallel).size).toBe(1);
    expect(images.stats).toEqual({ hits: 3, misses: 1 });
    await images.image('https://s.example.in/AbCdEfGh', 512, 'svg');
    await images.image('https://s.example.in/AbCdEfGh', 256, 'png');
    expect(images.stats).toEqual({ hits: 3, misses: 3 });
  });

  it('keeps no more bytes than its bound, forgetting the least recently used image first', async () => {
    const first = await createQrImages().image('https://s.example.in/first000', 200, 'svg');
    // Room for about one and a half images of this kind.
    const images = createQrImages({ maxBytes: Math.ceil(first.length * 1.5) });
    await images.image('https://s.example.in/first000', 200, 'svg');
    await images.image('https://s.example.in/second00', 200, 'svg');
    await images.image('https://s.example.in/second00', 200, 'svg');
    expect(images.stats).toEqual({ hits: 1, misses: 2 });
    await images.image('https://s.example.in/first000', 200, 'svg');
    expect(images.stats).toEqual({ hits: 1, misses: 3 });
  });
});
