import { describe, expect, it } from 'vitest';
import { sample } from '../../test/metrics-text.js';
import { createMetrics } from './metrics.js';

describe('the dispatcher\'s metrics, tallied and exposed when scraped', () => {
  it('exposes the delivery lag from the start, with zeros, then counts each delivery in its buckets', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const before = await metrics.registry.metrics();
    expect(sample(before, 'flowhooks_outbound_delivery_lag_seconds_count')).toBe(0);
    expect(sample(before, 'flowhooks_outbound_delivery_lag_seconds_bucket', { le: '+Inf' })).toBe(0);

    metrics.outboundDelivered(0.3);
    metrics.outboundDelivered(0.3);
    metrics.outboundDelivered(2);
    // A delivery before its due time (a clock a little behind) counts as no lag.
    metrics.outboundDelivered(-1);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'flowhooks_outbound_delivery_lag_seconds_bucket', { le: '0.1' })).toBe(1);
    expect(sample(text, 'flowhooks_outbound_delivery_lag_seconds_bucket', { le: '0.5' })).toBe(3);
    expect(sample(text, 'flowhooks_outbound_delivery_lag_seconds_bucket', { le: '2.5' })).toBe(4);
    expect(sample(text, 'flowhooks_outbound_delivery_lag_seconds_count')).toBe(4);
    expect(sample(text, 'flowhooks_outbound_delivery_lag_seconds_sum')).toBeCloseTo(2.6);
  });

  it('keeps each provider and outcome apart, and counts finished jobs by status', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.providerCall('dialer', 0.02);
    metrics.providerCall('dialer', 0.04);
    metrics.providerCall('dialer', 5, 'timeout');
    metrics.providerCall('google', 0.2);
    metrics.outboundFinished('delivered');
    metrics.outboundFinished('delivered');
    metrics.outboundFinished('failed');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_count', { provider: 'dialer', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_bucket', { provider: 'dialer', outcome: 'ok', le: '0.025' })).toBe(1);
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_bucket', { provider: 'dialer', outcome: 'timeout', le: '2.5' })).toBe(0);
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_count', { provider: 'dialer', outcome: 'timeout' })).toBe(1);
    expect(sample(text, 'flowhooks_provider_request_duration_seconds_count', { provider: 'google', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'flowhooks_provider_errors_total', { provider: 'dialer', failure: 'timeout' })).toBe(1);
    expect(sample(text, 'flowhooks_outbound_jobs_finished_total', { status: 'delivered' })).toBe(2);
    expect(sample(text, 'flowhooks_outbound_jobs_finished_total', { status: 'failed' })).toBe(1);
  });
});
