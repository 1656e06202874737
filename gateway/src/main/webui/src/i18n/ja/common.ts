export default {
  app: { name: 'Tutti', skip: '本文へ移動', signOut: 'サインアウト', language: '言語' },
  nav: { inbox: '受信箱', reports: 'レポート', admin: '管理', main: 'メイン' },
  state: {
    loading: '読み込み中…',
    error: 'エラーが発生しました: {message}',
    retry: '再試行',
    empty: 'まだ何もありません。',
    offline: 'ライブ更新が停止中です。再接続しています…',
    refresh: '離れている間の更新が多すぎたため、再読み込みします。',
  },
  action: { save: '保存', cancel: 'キャンセル', delete: '削除', add: '追加', edit: '編集', close: '閉じる' },
  channel: {
    instagram: 'Instagram',
    messenger: 'Messenger',
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    telegram: 'Telegram',
    email: 'メール',
    web: 'ウェブチャット',
  },
  time: { now: '今', minutes: '{n}分', hours: '{n}時間', days: '{n}日' },
};
