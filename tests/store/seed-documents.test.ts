import { documentSchemas } from '../../types/documents';
import { declaredCollections, documentProblems } from '../support/documents';
import { DEMO, startFixture, type Fixture } from '../support/fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.stop();
});

describe('document schemas', () => {
  it('declare a schema for every collection in database/collections.json, and none for another', () => {
    expect(Object.keys(documentSchemas).sort()).toEqual([...declaredCollections].sort());
  });

  it('accept every document the seeded communities store', () => {
    expect(documentProblems(f)).toEqual([]);
  });
});

test('documentProblems names a stored document that leaves its shape, field by field', () => {
  f.insert('wishes', [{ _id: 'wish-misshapen', communityId: DEMO, title: 42, surprise: true }]);
  const problems = documentProblems(f).filter((p) => p.id === 'wish-misshapen');
  expect(problems).toHaveLength(1);
  expect(problems[0]!.issues).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^title: /),
      expect.stringMatching(/^state: /),
      expect.stringMatching(/surprise/),
    ]),
  );
});
