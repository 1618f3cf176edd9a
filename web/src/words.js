// words.js: the Vietnamese words of the API's states and roles.
export const ROLE = {
  admin: 'Quản trị hệ thống',
  coordinator: 'Điều phối (Sở TTTT)',
  officer: 'Cán bộ nhập liệu',
  viewer: 'Lãnh đạo (chỉ xem)',
};

export const VALUE_STATUS = {
  missing: 'Chưa nhập',
  draft: 'Nháp',
  submitted: 'Chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

export const PERIOD_STATUS = { open: 'Đang mở', closed: 'Đã đóng' };

export const TASK_STATUS = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

export const TARGET_STATE = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  no_data: 'Chưa có số liệu',
  not_measured: 'Không đo được',
  no_target: 'Không có mức',
};

export const SCORE_STATUS = {
  ok: 'Đã tính',
  missing: 'Thiếu dữ liệu',
  zero_denominator: 'Mẫu số bằng 0',
  incomplete: 'Chưa đủ',
};

export const INPUT_KIND = {
  count: 'Số lượng',
  amount: 'Số tiền',
  yesno: 'Có/Không',
  choice: 'Lựa chọn',
  text: 'Văn bản',
  percent: 'Tỷ lệ',
};

export const AGENCY_KIND = {
  department: 'Sở, ngành',
  central: 'Cơ quan Trung ương',
  district: 'UBND cấp huyện',
  collective: 'Nhóm cơ quan',
  office: 'Văn phòng',
  enterprise: 'Doanh nghiệp',
};

// the audit log's actions (an unknown one is shown as it is stored)
export const AUDIT_ACTION = {
  'methodology.load': 'Nạp phương pháp',
  'org.load': 'Nạp tổ chức',
  'account.add': 'Tạo tài khoản',
  'account.password': 'Đổi mật khẩu',
  'session.login': 'Đăng nhập',
  'period.open': 'Mở kỳ',
  'period.close': 'Đóng kỳ',
  'period.reopen': 'Mở lại kỳ',
  'value.set': 'Nhập giá trị',
  'value.submit': 'Gửi duyệt',
  'value.approve': 'Phê duyệt',
  'value.return': 'Trả lại',
  'value.reopen': 'Mở lại giá trị',
  'evidence.add': 'Thêm minh chứng',
  'evidence.archive': 'Lưu trữ minh chứng',
  'task.progress': 'Cập nhật nhiệm vụ',
  'submission.event': 'Ghi nhận lần gửi',
  import: 'Nhập tệp dữ liệu',
};
