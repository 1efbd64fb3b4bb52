"""番号法 administration: 事務取扱担当者, 取扱状況記録簿, 評価書 and the 審議会 (issue 22)."""
