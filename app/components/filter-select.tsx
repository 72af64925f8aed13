import { Flex, Text } from "@radix-ui/themes";

interface Props {
  id: string;
  label: string;
  name: string;
  value: string;
  /** The empty choice that means "no filter". */
  allLabel: string;
  options: { value: string; label: string }[];
}

/** A labelled native select for GET filter forms, with an "all" choice first. */
export function FilterSelect({ id, label, name, value, allLabel, options }: Props) {
  return (
    <Flex direction="column" gap="1">
      <Text as="label" htmlFor={id} size="2" weight="medium">
        {label}
      </Text>
      <select id={id} name={name} defaultValue={value} className="native-select">
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Flex>
  );
}
