/**
 * `compute` run once for each object, its value kept as long as the object lives: for values derived
 * from an object that is not changed but replaced (a cached account, a cached calendar, a schema).
 */
export function oncePerObject<Key extends object, Value>(compute: (key: Key) => Value): (key: Key) => Value {
  const values = new WeakMap<Key, Value>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      values.set(key, value);
    }
    return value;
  };
}
