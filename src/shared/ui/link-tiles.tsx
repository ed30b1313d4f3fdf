/**
 * Tiles that each open a page (the `link-tiles` SCSS mixin lays them out two a row): 首页's
 * services, 我的's tools and the 双报到 hub. Each tile shows its title and a line under it.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

export interface LinkTile {
  key: string;
  title: string;
  desc: string;
  url: string;
}

/** The class names of a screen's tiles: the grid, a tile, and a tile's two lines. */
export interface LinkTileClasses {
  grid: string;
  tile: string;
  title: string;
  desc: string;
}

const navigate = (url: string) => void Taro.navigateTo({ url });

export function LinkTiles({
  tiles,
  classes,
  testIdPrefix,
  open = navigate,
}: {
  tiles: LinkTile[];
  classes: LinkTileClasses;
  /** When given, each tile is `data-testid={testIdPrefix + key}`. */
  testIdPrefix?: string;
  /** How a tile's page is opened (default: navigateTo). */
  open?: (url: string) => void;
}) {
  return (
    <View className={classes.grid}>
      {tiles.map((tile) => (
        <View
          key={tile.key}
          className={classes.tile}
          role='link'
          data-testid={testIdPrefix ? `${testIdPrefix}${tile.key}` : undefined}
          onClick={() => open(tile.url)}
        >
          <Text className={classes.title}>{tile.title}</Text>
          <Text className={classes.desc}>{tile.desc}</Text>
        </View>
      ))}
    </View>
  );
}
