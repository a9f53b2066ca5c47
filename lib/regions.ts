/** Fujian's province node and municipal nodes: region code → name. */
export const FUJIAN_REGIONS: Readonly<Record<string, string>> = {
  '350000': '福建省',
  '350100': '福州市',
  '350200': '厦门市',
  '350300': '莆田市',
  '350400': '三明市',
  '350500': '泉州市',
  '350600': '漳州市',
  '350700': '南平市',
  '350800': '龙岩市',
  '350900': '宁德市',
};

export const PROVINCE_NODE = '350000';

/**
 * The node that owns data of a region: the node with exactly that code, else the
 * municipal node (first four digits + "00"), else the province node.
 */
export function nodeForRegion(region: string, nodeCodes: ReadonlySet<string>, province = PROVINCE_NODE): string {
  if (nodeCodes.has(region)) return region;
  const city = `${region.slice(0, 4)}00`;
  if (nodeCodes.has(city)) return city;
  return province;
}
