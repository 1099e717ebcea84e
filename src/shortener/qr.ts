import { LRUCache } from 'lru-cache';
import type { CacheStats } from '../observability/metrics.js';

/** Sizes `GET /{code}/qr` draws, in pixels (docs/short-urls.md): rendering cost grows with the square of the size. */
export const qrSize = { min: 64, max: 1024, default: 300 } as const;
export type QrFormat = 'png' | 'svg';

export interface QrImages {
  /** The QR image of `text`, rendered once per (text, size, format) while it stays in the cache. */
  image(text: string, size: number, format: QrFormat): Promise<Buffer | string>;
  readonly stats: CacheStats;
}

export interface QrImageOptions {
  /** Bytes of rendered images kept; the least recently used go first. Default 32 MiB. */
  maxBytes?: number;
}

/**
 * Renders QR images and keeps them in a bounded cache: a short URL's
 * image never changes, and rendering a large one costs a few hundred ms of
 * CPU that no credential guards. Requests for an image being rendered wait
 * for that rendering instead of starting their own.
 */
export function createQrImages(options: QrImageOptions = {}): QrImages {
  const images = new LRUCache<string, Buffer | string>({ maxSize: options.maxBytes ?? 32 * 1024 * 1024, sizeCalculation: (image) => Math.max(1, image.length) });
  const rendering = new Map<string, Promise<Buffer | string>>();
  const stats = { hits: 0, misses: 0 };
  const render = async (text: string, size: number, format: QrFormat) => {
    // Loaded on the first image: the library (about 1 MiB of heap) is not kept by a server that never draws one.
    const { default: QRCode } = await import('qrcode');
    const drawing = { width: size, margin: 2, errorCorrectionLevel: 'M' as const };
    return format === 'svg' ? QRCode.toString(text, { ...drawing, type: 'svg' }) : QRCode.toBuffer(text, { ...drawing, type: 'png' });
  };
  return {
    stats,
    async image(text, size, format) {
      const key = `${format} ${size} ${text}`;
      // Both looked up before any await, so parallel requests find each other's rendering.
      const cached = images.get(key) ?? rendering.get(key);
      if (cached !== undefined) {
        stats.hits++;
        return cached;
      }
      stats.misses++;
      const pending = render(text, size, format);
      rendering.set(key, pending);
      try {
        const image = await pending;
        images.set(key, image);
        return image;
      } finally {
        rendering.delete(key);
      }
    },
  };
}
