import { characteristics, isListType, listItems, show, variableName, writtenValues } from './data-types.js';
import { slotView } from '../model/slots/slot-view.js';
import { defineRule } from './rule.js';

const quoteList = (items: string[]) => items.map((i) => JSON.stringify(i)).join(', ');

export default defineRule({
  id: 'value-in-list',
  severity: 'error',
  description: 'List values are members of valuesList, lists have no spaces, booleans are lowercase true or false',
  check(ctx) {
    // priority-values-list reports on the NetworkConfigurationPriority value libocpp uses, in its own terms
    const { priority } = slotView(ctx.tree);
    for (const component of ctx.tree.components)
      for (const variable of component.variables) {
        const c = characteristics(variable);
        const { dataType, valuesList } = c;
        if (!dataType) continue;
        const name = variableName(variable);
        const file = component.source;
        if (isListType(dataType) && valuesList === undefined) {
          // OCPP 2.0.1 VariableCharacteristicsType: valuesList is mandatory for the list types; libocpp then accepts anything
          if (ctx.target !== 'libocpp')
            ctx.report({
              file,
              pointer: `${c.pointer}/dataType`,
              message: `${name} is ${dataType} but has no valuesList; OCPP requires one for list types`,
            });
          continue;
        }
        const allowed = valuesList === undefined ? undefined : listItems(valuesList);
        if (allowed && valuesList !== undefined && /(^ | ,|, | $)/.test(valuesList))
          ctx.report({
            file,
            pointer: `${c.pointer}/valuesList`,
            message: `valuesList of ${name} has spaces around its commas; libocpp does not trim, so " X" never matches "X"`,
            hint: `write ${JSON.stringify(
              listItems(valuesList)
                .map((i) => i.trim())
                .join(','),
            )}`,
          });
        for (const v of writtenValues(variable)) {
          if (variable === priority.variable && v.pointer === priority.pointer) continue;
          const at = { file, pointer: v.pointer };
          if (dataType === 'boolean') {
            // the initializer takes any case, but validate_value at run time accepts only lowercase
            if (/^(true|false)$/i.test(v.text) && !/^(true|false)$/.test(v.text))
              ctx.report({
                ...at,
                message: `${v.label} of ${name} is ${show(v)}; libocpp accepts only lowercase true or false when it is written`,
                hint: `write ${v.text.toLowerCase()}`,
              });
            continue;
          }
          if (!isListType(dataType) || (typeof v.raw !== 'string' && typeof v.raw !== 'number')) continue;
          // an empty OptionList value is "not set" here; libocpp clears values without validating them
          if (dataType === 'OptionList' && v.text === '') continue;
          const items = dataType === 'OptionList' ? [v.text] : listItems(v.text);
          if (items.some((i) => i !== i.trim() && i.trim() !== ''))
            ctx.report({
              ...at,
              message: `${v.label} of ${name} has spaces around its items; libocpp compares items untrimmed and rejects it when it is written`,
              hint: v.secret ? undefined : `write ${JSON.stringify(items.map((i) => i.trim()).join(','))}`,
            });
          else if (allowed) {
            const strangers = items.filter((i) => !allowed.includes(i));
            if (strangers.length)
              ctx.report({
                ...at,
                message: v.secret
                  ? `${v.label} of ${name} has ${strangers.length} item(s) outside its valuesList`
                  : `${v.label} of ${name} ${dataType === 'OptionList' ? `is ${show(v)}, not one of` : `has ${quoteList(strangers)}, not in`} the valuesList ${JSON.stringify(valuesList)}`,
                hint:
                  dataType === 'OptionList'
                    ? 'pick one item of the valuesList, or add the value to it'
                    : 'list only items of the valuesList, comma-separated, or add the missing items to it',
              });
          }
        }
      }
  },
});
