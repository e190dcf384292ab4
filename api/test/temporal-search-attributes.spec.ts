import { Connection } from '@temporalio/client';
import { DEFAULT_TEMPORAL_NAMESPACE } from '@callflow/deploy';
import { CALL_SEARCH_ATTRIBUTES } from '@callflow/workflows';

// temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
const KEYWORD = 2;

describe('the Temporal dev server the stack starts', () => {
  it('knows every call search attribute as a Keyword on its default namespace', async () => {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address) throw new Error('TEMPORAL_ADDRESS is not set: the jest globalSetup should have set it');
    const connection = await Connection.connect({ address });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: DEFAULT_TEMPORAL_NAMESPACE });
      for (const name of Object.values(CALL_SEARCH_ATTRIBUTES)) expect([name, customAttributes?.[name]]).toEqual([name, KEYWORD]);
    } finally {
      await connection.close();
    }
  });
});
