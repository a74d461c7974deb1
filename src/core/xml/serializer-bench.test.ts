import { formatSerializerBench, runSerializerBench } from './serializer-bench';

// Only checks that the benchmark still runs (it is timed by `npm run bench`, never by the tests).
test('the serializer benchmark runs on a small sample and reports every figure', () => {
  const result = runSerializerBench({ passages: 40, referencePassages: 10 });
  for (const value of [
    result.fastMsPerPassage,
    result.xmlbuilder2PerPassageMs,
    result.writerMsPerPassage,
    result.speedup,
  ]) {
    expect(value).toBeGreaterThan(0);
  }
  expect(formatSerializerBench(result)).toContain('40 passages');
});
